/**
 * Who may do what. Three roles, each including the one below it: a viewer reads, an operator also acts on hosts and
 * rollouts, an admin also manages maintenance windows, API tokens and reads the audit log.
 */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** What a route asks of its caller: a role, or nothing at all (the dashboard's static files, the API description). */
export type Access = Role | "public";

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3 };

export function roleAllows(have: Role, need: Role): boolean {
  return RANK[have] >= RANK[need];
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
