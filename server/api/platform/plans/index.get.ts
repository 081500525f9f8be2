import { asc } from 'drizzle-orm'
import { plans } from '../../../../drizzle/schema'

// The platform's plans with their limits and features (for choosing a tenant's plan).
export default defineEventHandler(async (event) => {
  requirePlatformOperator(event)
  const db = await useDb()
  return db.select({ key: plans.key, name: plans.name, limits: plans.limits, features: plans.features }).from(plans).orderBy(asc(plans.createdAt))
})
