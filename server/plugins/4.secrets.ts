// At start-up, not at the first sign-in: a production server needs keys to seal secrets with.
// NUXT_ENCRYPTION_KEYS, else (PGlite only) the key file in the data directory, made at first
// start; with DATABASE_URL and no keys, or a malformed key, it stops here saying what to do.
export default defineNitroPlugin(() => {
  try {
    const file = ensureEncryptionKeys()
    sealSecret('start-up check')
    if (file?.created) {
      console.log(`[atrium] NUXT_ENCRYPTION_KEYS is not set: generated a key in ${file.path}, which seals two-factor and SSO secrets. Keep it with the database (back up both together; a copy without it cannot open those secrets), or set NUXT_ENCRYPTION_KEYS to its content.`)
    }
    else if (file) {
      console.log(`[atrium] NUXT_ENCRYPTION_KEYS is not set: using the key in ${file.path}`)
    }
  }
  catch (error) {
    const message = (error as Error).message
    // A malformed key: say how to make a good one too.
    console.error(`[atrium] ${message}${message.includes('node -e') ? '' : `. Make a key with ${MAKE_KEY_COMMAND} (docs/security.md, "Secrets at rest and key rotation")`}`)
    process.exit(1)
  }
})
