import { recheckPendingDomains } from '../../services/domains'

// Scheduled in nuxt.config (nitro.scheduledTasks): pending custom domains are looked up again,
// so a domain verifies on its own once its TXT record appears. Safe on several instances at once.
export default defineTask({
  meta: { name: 'domains:recheck', description: 'Re-check pending custom domains\' DNS verification' },
  async run() {
    const result = await recheckPendingDomains()
    if (result.verified.length) console.info(`[domains] verified by re-check: ${result.verified.join(', ')}`)
    return { result }
  },
})
