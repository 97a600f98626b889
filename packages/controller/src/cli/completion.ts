import type { Command } from "commander";
import { InvalidInputError } from "../errors.js";

/**
 * Shell completion scripts, generated from the CLI's own command tree so a new command or flag is completed the
 * moment it is registered. Every shell gets the same table (command path → subcommands, flags, flags that take a
 * value and their choices) and the same small walker: skip flags (and the value after a flag that takes one),
 * extend the path with each word that names a subcommand, then offer what the path allows.
 */
export const SHELLS = ["bash", "zsh", "fish", "powershell"] as const;
export type Shell = (typeof SHELLS)[number];

export interface CompletionNode {
  /** Space-separated subcommand path; "" is the program itself. */
  path: string;
  commands: string[];
  flags: string[];
  /** Flags that take a value, with the values commander knows (`.choices()`), else []. */
  valueFlags: Map<string, string[]>;
}

// Names end up inside single-quoted shell and PowerShell strings: allow only what commander names look like.
const SAFE_WORD = /^-{0,2}[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/**
 * Flags whose values are the names the controller knows from host facts: the scripts mark them "@pools" / "@sites"
 * and ask `iisfleet hosts --names KIND HOST...` (the hosts named on the line so far; none: every host) when such a
 * value is completed. Pool and site names may hold spaces ("Default Web Site"): each shell quotes what it inserts.
 */
const NAMED_VALUES: Readonly<Record<string, "pools" | "sites">> = { "--pool": "pools", "--site": "sites" };

/** A value flag's choices as the scripts list them: its choices, the names marker, or "" for a free value. */
function valueWords(flag: string, choices: string[]): string[] {
  const named = NAMED_VALUES[flag];
  return choices.length === 0 && named !== undefined ? [`@${named}`] : choices;
}

export function completionTable(program: Command): CompletionNode[] {
  const globalFlags = flagsOf(program);
  const nodes: CompletionNode[] = [];
  const visit = (cmd: Command, path: string): void => {
    const valueFlags = new Map([...globalFlags, ...flagsOf(cmd)]);
    const subcommands = cmd.commands.filter((c) => !isHidden(c));
    const flags = [...new Set([...flagNames(cmd), ...flagNames(program), "--help"])].filter((f) => cmd === program || f !== "--version");
    // A command without subcommands offers the choices of its first argument instead (completion <shell>).
    const argumentChoices = cmd.registeredArguments[0]?.argChoices ?? [];
    nodes.push({
      path,
      commands: subcommands.length > 0 ? subcommands.flatMap((c) => [c.name(), ...c.aliases()]) : [...argumentChoices],
      flags,
      valueFlags,
    });
    for (const sub of subcommands) visit(sub, path === "" ? sub.name() : `${path} ${sub.name()}`);
  };
  visit(program, "");
  for (const node of nodes) {
    for (const word of [...node.commands, ...node.flags, ...node.path.split(" ").filter(Boolean), ...[...node.valueFlags.values()].flat()]) {
      if (!SAFE_WORD.test(word)) throw new Error(`completion: the name ${JSON.stringify(word)} cannot be quoted safely`);
    }
  }
  return nodes;
}

export function completionScript(program: Command, shell: string): string {
  const nodes = completionTable(program);
  const name = program.name();
  switch (shell as Shell) {
    case "bash":
      return bashScript(name, nodes);
    case "zsh":
      // zsh runs bash completion functions through bashcompinit; one walker to maintain instead of two.
      return `#compdef ${name}\n# ${name} completion for zsh. Load it with: source <(${name} completion zsh)\n(( $+functions[compdef] )) || { autoload -U +X compinit && compinit; }\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(name, nodes)}`;
    case "fish":
      return fishScript(name, nodes);
    case "powershell":
      return powershellScript(name, nodes);
    default:
      throw new InvalidInputError(`the shell must be one of ${SHELLS.join(", ")}; got ${JSON.stringify(shell)}.`);
  }
}

function flagsOf(cmd: Command): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of cmd.options) {
    if (o.long !== undefined && (o.required || o.optional)) out.set(o.long, [...(o.argChoices ?? [])]);
  }
  return out;
}

function flagNames(cmd: Command): string[] {
  return cmd.options.filter((o) => !o.hidden && o.long !== undefined).map((o) => o.long as string);
}

function isHidden(cmd: Command): boolean {
  // commander keeps `{ hidden: true }` on a private field; honour it without depending on its type.
  return (cmd as unknown as { _hidden?: boolean })._hidden === true;
}

const q = (s: string): string => `'${s}'`;

function bashScript(name: string, nodes: CompletionNode[]): string {
  const fn = `_${name.replace(/-/g, "_")}`;
  const cases = (pick: (n: CompletionNode) => string[]): string =>
    nodes.map((n) => `    ${q(n.path)}) echo ${q(pick(n).join(" "))} ;;`).join("\n");
  const valueCases = nodes
    .flatMap((n) => [...n.valueFlags].map(([flag, choices]) => `    ${q(`${n.path}|${flag}`)}) echo ${q(valueWords(flag, choices).join(" ") || "-")} ;;`))
    .join("\n");
  return `# ${name} completion for bash. Load it with: source <(${name} completion bash)
${fn}_commands() {
  case "$1" in
${cases((n) => n.commands)}
  esac
}
${fn}_flags() {
  case "$1" in
${cases((n) => n.flags)}
  esac
}
# Prints the flag's choices, "-" for a free value; nothing (status 1) when the flag takes no value.
${fn}_value() {
  case "$1|$2" in
${valueCases}
    *) return 1 ;;
  esac
}
# "cmd_path", not "path": zsh ties $path to $PATH, and the names are asked of a command found on PATH.
${fn}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd_path="" next word i
  local -a args=() global=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$word" == -* ]]; then
      if [[ "$word" == --controller || "$word" == --token-file ]]; then global+=("$word" "\${COMP_WORDS[i + 1]}"); fi
      if [[ "$word" != *=* ]] && ${fn}_value "$cmd_path" "$word" >/dev/null; then i=$((i + 1)); fi
      continue
    fi
    next="\${cmd_path:+$cmd_path }$word"
    if [[ -n "$(${fn}_flags "$next")" ]]; then cmd_path="$next"; else args+=("$word"); fi
  done
  local prev="" choices
  if ((COMP_CWORD > 1)); then prev="\${COMP_WORDS[COMP_CWORD - 1]}"; fi
  if [[ "$prev" == -* ]] && choices="$(${fn}_value "$cmd_path" "$prev")"; then
    if [[ "$choices" == @* ]]; then
      # Pool or site names from the controller, for the hosts named so far; quoted, as they may hold spaces.
      local IFS=$'\\n' n want="\${cur//\\\\/}"
      COMPREPLY=()
      for n in $(${name} "\${global[@]}" hosts --names "\${choices#@}" "\${args[@]}" 2>/dev/null); do
        if [[ "$n" == "$want"* ]]; then COMPREPLY+=("$(printf '%q' "$n")"); fi
      done
      return 0
    fi
    if [[ "$choices" == "-" ]]; then
      compopt -o default 2>/dev/null
      COMPREPLY=()
    else
      COMPREPLY=($(compgen -W "$choices" -- "$cur"))
    fi
    return 0
  fi
  local words
  words="$(${fn}_commands "$cmd_path")"
  if [[ "$cur" == -* || -z "$words" ]]; then words="$(${fn}_flags "$cmd_path")"; fi
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -F ${fn} ${name}
`;
}

function fishScript(name: string, nodes: CompletionNode[]): string {
  const fn = `__${name.replace(/-/g, "_")}`;
  const cases = (pick: (n: CompletionNode) => string[]): string =>
    nodes.map((n) => `        case ${q(n.path)}\n            printf '%s\\n' ${pick(n).map(q).join(" ")}`).join("\n");
  const valueCases = nodes
    .flatMap((n) => [...n.valueFlags].map(([flag, choices]) => `        case ${q(`${n.path}|${flag}`)}\n            printf '%s\\n' ${q(valueWords(flag, choices).join(" ") || "-")}`))
    .join("\n");
  return `# ${name} completion for fish. Load it with: ${name} completion fish | source
function ${fn}_commands
    switch $argv[1]
${cases((n) => n.commands)}
    end
end
function ${fn}_flags
    switch $argv[1]
${cases((n) => n.flags)}
    end
end
function ${fn}_value
    switch "$argv[1]|$argv[2]"
${valueCases}
        case '*'
            return 1
    end
end
# The command path typed so far; with "args": the other words instead (the hosts named), with --controller and
# --token-file and their values first.
function ${fn}_path
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    set -l skip 0
    set -l args
    set -l global
    set -l prev ''
    for word in $words
        if test $skip = 1
            set skip 0
            if contains -- $prev --controller --token-file
                set global $global $prev $word
            end
            continue
        end
        if string match -q -- '-*' $word
            if not string match -q -- '*=*' $word; and ${fn}_value "$path" $word >/dev/null
                set skip 1
                set prev $word
            end
            continue
        end
        set -l next (string trim -- "$path $word")
        if ${fn}_flags "$next" | string length -q
            set path $next
        else
            set args $args $word
        end
    end
    if test "$argv[1]" = args
        printf '%s\\n' $global $args
    else
        echo $path
    end
end
function ${fn}_candidates
    set -l cur (commandline -ct)
    set -l words (commandline -opc)
    set -l path (${fn}_path)
    if string match -q -- '-*' $words[-1]; and set -l choices (${fn}_value "$path" $words[-1])
        if test "$choices" = '-'
            __fish_complete_path $cur
        else if string match -q -- '@*' $choices
            set -l given (${fn}_path args)
            set -l global
            while contains -- "$given[1]" --controller --token-file
                set global $global $given[1..2]
                set -e given[1..2]
            end
            ${name} $global hosts --names (string sub -s 2 -- $choices) $given 2>/dev/null
        else
            string split ' ' -- $choices
        end
        return
    end
    set -l commands (${fn}_commands "$path")
    if string match -q -- '-*' $cur; or test -z "$commands"
        ${fn}_flags "$path"
    else
        printf '%s\\n' $commands
    end
end
complete -c ${name} -f -a '(${fn}_candidates)'
`;
}

function powershellScript(name: string, nodes: CompletionNode[]): string {
  const table = (pick: (n: CompletionNode) => string[]): string =>
    nodes.map((n) => `        ${q(n.path)} = @(${pick(n).map(q).join(", ")})`).join("\n");
  const values = nodes
    .flatMap((n) => [...n.valueFlags].map(([flag, choices]) => `        ${q(`${n.path}|${flag}`)} = @(${valueWords(flag, choices).map(q).join(", ")})`))
    .join("\n");
  // Windows PowerShell 5.1 syntax only (no ?:, ??, &&): administrators run the stock shell.
  return `# ${name} completion for PowerShell. Load it with: ${name} completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName '${name}', '${name}.cmd', '${name}.ps1' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $commands = @{
${table((n) => n.commands)}
    }
    $flags = @{
${table((n) => n.flags)}
    }
    $values = @{
${values}
    }
    $path = ''
    $skip = $false
    $previous = ''
    $given = @()
    $global = @()
    $elements = @($commandAst.CommandElements | Select-Object -Skip 1)
    foreach ($element in $elements) {
        if ($element.Extent.EndOffset -ge $cursorPosition) { break }
        $word = $element.Extent.Text
        if ($skip) {
            $skip = $false
            if ($previous -eq '--controller' -or $previous -eq '--token-file') { $global += @($previous, $word) }
            $previous = $word
            continue
        }
        $previous = $word
        if ($word.StartsWith('-')) {
            if (-not $word.Contains('=') -and $values.ContainsKey("$path|$word")) { $skip = $true }
            continue
        }
        if ($path -eq '') { $next = $word } else { $next = "$path $word" }
        if ($flags.ContainsKey($next)) { $path = $next } else { $given += $word.Trim("'", '"') }
    }
    if ($skip) {
        $candidates = @($values["$path|$previous"])
        if ($candidates.Count -eq 0) { return }
        if ($candidates[0].StartsWith('@')) {
            # Pool or site names from the controller, for the hosts named so far; quoted, as they may hold spaces.
            $kind = $candidates[0].Substring(1)
            $candidates = @(& '${name}' @global hosts --names $kind @given 2>$null | Where-Object { $_ -ne '' })
            $typed = $wordToComplete.Trim("'", '"')
            $candidates | Where-Object { $_ -like "$typed*" } | ForEach-Object {
                $text = $_
                if ($text -match '[\\s''"]') { $text = "'" + $text.Replace("'", "''") + "'" }
                [System.Management.Automation.CompletionResult]::new($text, $_, 'ParameterValue', $_)
            }
            return
        }
    } elseif ($wordToComplete.StartsWith('-') -or $commands[$path].Count -eq 0) {
        $candidates = $flags[$path]
    } else {
        $candidates = $commands[$path]
    }
    $candidates | Where-Object { $_ -like "$wordToComplete*" } | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
`;
}
