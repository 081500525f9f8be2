import { superAdminCount } from '#server/database/super-admins'

// Opens the database at start-up, so a role that could bypass RLS, or an unmigrated database,
// stops the process before it serves anything; closes the pool on shutdown (SIGTERM/SIGINT).
export default defineNitroPlugin((nitroApp) => {
  useDatabase().then(
    async ({ db }) => {
      // A platform nobody can run: say how to make its first super admin.
      if (await superAdminCount(db) === 0) {
        logger().warn('No super admin exists yet. Create the first one with: node .output/server/cli.mjs setup-admin you@example.com (npm run setup:admin -- you@example.com from a checkout)')
      }
    },
    (error: Error) => {
      logger().error({ cause: error.message }, 'database check failed')
      process.exit(1)
    },
  )
  nitroApp.hooks.hook('close', async () => {
    await closeDatabase()
    await closeRedis()
    logger().info('database closed; exiting')
  })
})
