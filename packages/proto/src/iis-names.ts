/**
 * Application pool and site names as IIS itself accepts them, checked at every edge (CLI flags, API bodies, the
 * agent receiving a command) so that a name is refused with a sentence before anything is sent or touched. The
 * names travel as data (protobuf strings, PowerShell parameters), never as script text; these rules keep them to
 * what IIS could have configured, so an unknown name is a plain "no such pool", not an injection attempt.
 *
 * Sources (packages/agent/src/host/windows/SOURCES.md): ApplicationPoolCollection.InvalidApplicationPoolNameCharacters
 * and the configuration schema's "applicationPoolName" validation (\ / " | < > : * ? ] [ + = ; , @ &); WAS event 5051
 * (an empty pool id is ignored) and 5050 (a pool id over the length limit is ignored); the schema's "siteName"
 * validation and IIS Manager's site-name rule for sites.
 */

/** Characters IIS refuses in an application pool name. */
export const POOL_NAME_FORBIDDEN = "\\/\"|<>:*?][+=;,@&";
/** WAS ignores a pool whose id is longer (event 5050). */
export const POOL_NAME_MAX = 64;
/** Characters IIS refuses in a site name. */
export const SITE_NAME_FORBIDDEN = "\\/?";
/** No IIS limit is documented for site names; this bound only keeps a command small. */
export const SITE_NAME_MAX = 260;

// Control characters never come out of IIS configuration (applicationHost.config is XML) and would let a name
// rewrite what a terminal shows.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function nameProblem(what: string, name: string, forbidden: string, max: number): string | undefined {
  if (name.length === 0) return `an ${what} name cannot be empty`;
  if (name.trim() !== name) return `the ${what} name "${name}" starts or ends with white space, which IIS does not keep`;
  if (name.length > max) return `the ${what} name is ${name.length} characters long; IIS allows at most ${max}`;
  if (CONTROL.test(name)) return `the ${what} name contains a control character`;
  const bad = [...name].find((c) => forbidden.includes(c));
  if (bad !== undefined) return `the ${what} name "${name}" contains "${bad}", which IIS does not allow (${[...forbidden].join(" ")})`;
  return undefined;
}

/** Why IIS would refuse this application pool name, or undefined when it is a legal one. */
export function poolNameProblem(name: string): string | undefined {
  return nameProblem("application pool", name, POOL_NAME_FORBIDDEN, POOL_NAME_MAX);
}

/** Why IIS would refuse this site name, or undefined when it is a legal one. */
export function siteNameProblem(name: string): string | undefined {
  return nameProblem("site", name, SITE_NAME_FORBIDDEN, SITE_NAME_MAX);
}

/** IIS compares pool and site names without regard to case. */
export function sameIisName(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
