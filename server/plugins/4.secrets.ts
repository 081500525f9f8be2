// At start-up, not at the first sign-in: a production server without NUXT_ENCRYPTION_KEYS (or
// with a malformed one) stops here with a message saying what to set.
export default defineNitroPlugin(() => {
  try {
    sealSecret('start-up check')
  }
  catch (error) {
    console.error(`[atrium] ${(error as Error).message} (see docs/self-hosting.md, "Secrets at rest")`)
    process.exit(1)
  }
})
