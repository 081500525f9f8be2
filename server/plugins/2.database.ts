// Opens the database at start-up, so a role that could bypass RLS, or an unmigrated database,
// stops the process before it serves anything; closes the pool on shutdown (SIGTERM/SIGINT).
export default defineNitroPlugin((nitroApp) => {
  useDatabase().catch((error: Error) => {
    console.error(`[atrium] database check failed: ${error.message}`)
    process.exit(1)
  })
  nitroApp.hooks.hook('close', async () => {
    await closeDatabase()
    await closeRedis()
    console.info('[atrium] database closed')
  })
})
