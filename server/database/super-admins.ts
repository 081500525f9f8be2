import { randomBytes } from 'node:crypto'
import { count, eq } from 'drizzle-orm'
import { platformAdmins, platformAuditLog, platformSessions } from '#drizzle/schema'
import { hashPassword, passwordProblem } from '#server/utils/password'
import type { Db } from './connect'

// The first super admin, made from the command line (`setup-admin`): the only way in on a platform
// that was not seeded with the demo. Two-factor is enrolled at the first sign-in, as for every
// super admin.

/** A password of 20 characters from an alphabet without look-alikes, for printing once. */
export function generatedPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  const bytes = randomBytes(20)
  return Array.from(bytes, b => alphabet[b % alphabet.length]).join('').replace(/(.{5})(?!$)/g, '$1-')
}

export async function superAdminCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(platformAdmins)
  return Number(row?.n ?? 0)
}

export type SetupAdminResult = { ok: true, created: boolean, email: string } | { ok: false, message: string }

/**
 * Creates (or, with `force`, resets the password of) a super admin. Without `force` it refuses
 * once any super admin exists, so running it twice by mistake changes nothing.
 */
export async function setupSuperAdmin(db: Db, input: { email: string, name: string, password: string, force: boolean }): Promise<SetupAdminResult> {
  const email = input.email.trim().toLowerCase()
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return { ok: false, message: `"${input.email}" is not an email address` }
  const problem = passwordProblem(input.password)
  if (problem) return { ok: false, message: `The password ${problem}` }
  const existing = await superAdminCount(db)
  if (existing > 0 && !input.force) return { ok: false, message: `There ${existing === 1 ? 'is already a super admin' : `are already ${existing} super admins`}: sign in and add more in /admin, or run again with --force to create or reset this one` }
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [same] = await tx.select({ id: platformAdmins.id }).from(platformAdmins).where(eq(platformAdmins.email, email))
    if (same) {
      // A reset: new password, two-factor to enrol again, every session ended.
      await tx.update(platformAdmins).set({ passwordHash, status: 'active', totpSecretEnc: null, totpEnabledAt: null, totpLastStep: null }).where(eq(platformAdmins.id, same.id))
      await tx.delete(platformSessions).where(eq(platformSessions.adminId, same.id))
    }
    const [row] = same ? [same] : await tx.insert(platformAdmins).values({ email, name: input.name, passwordHash }).returning({ id: platformAdmins.id })
    await tx.insert(platformAuditLog).values({
      action: same ? 'platform_admin.reset_from_cli' : 'platform_admin.created_from_cli',
      entityType: 'platform_admin',
      entityId: row!.id,
      actorType: 'system',
      after: { email },
    })
    return { ok: true as const, created: !same, email }
  })
}
