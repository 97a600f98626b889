import { Argument, type Command } from "commander";
import { SHELLS, completionScript } from "../completion.js";
import type { GlobalOpts } from "../context.js";

export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description(`print a shell completion script (${SHELLS.join(", ")}), generated from this CLI's commands`)
    .addArgument(new Argument("<shell>", SHELLS.join(" | ")).choices(SHELLS))
    .addHelpText(
      "after",
      "\nLoad it:\n" +
        "  bash:        source <(iisfleet completion bash)          (add to ~/.bashrc)\n" +
        "  zsh:         source <(iisfleet completion zsh)           (add to ~/.zshrc)\n" +
        "  fish:        iisfleet completion fish | source           (or save to ~/.config/fish/completions/iisfleet.fish)\n" +
        "  PowerShell:  iisfleet completion powershell | Out-String | Invoke-Expression   (add to $PROFILE)",
    )
    .action((shell: string, _o: unknown, cmd: Command) => {
      const script = completionScript(program, shell);
      // No API client: completion must work before any controller or token exists.
      const { json } = cmd.optsWithGlobals<GlobalOpts>();
      process.stdout.write(json ? `${JSON.stringify({ shell, script }, null, 2)}\n` : script);
    });
}
