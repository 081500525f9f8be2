// @ts-check
import withNuxt from '.nuxt/eslint.config.mjs'

export default withNuxt(
  {
    // Tests read JSON responses loosely; production code may not.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
)
