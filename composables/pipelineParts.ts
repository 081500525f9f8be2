import type { Component } from 'vue'

/**
 * Pieces the deals, leads and tickets module brings along (components/records/LeadConvertModal.vue,
 * TicketSlaBadge.vue, DealStageBadge.vue): mounted on record pages when their files exist, and
 * simply absent until then. The glob is resolved at build time, so a missing file costs nothing.
 * Their props: DealStageBadge `kind` (the deal's status) and `name`, TicketSlaBadge `ticket`;
 * LeadConvertModal `lead`, `v-model:open`, emitting `converted` with the created ids.
 */
const found = import.meta.glob<{ default: Component }>('../components/records/{LeadConvertModal,TicketSlaBadge,DealStageBadge}.vue')

function part(name: 'LeadConvertModal' | 'TicketSlaBadge' | 'DealStageBadge'): Component | null {
  const loader = found[`../components/records/${name}.vue`]
  return loader ? defineAsyncComponent(loader) : null
}

export function usePipelineParts() {
  return { LeadConvertModal: part('LeadConvertModal'), TicketSlaBadge: part('TicketSlaBadge'), DealStageBadge: part('DealStageBadge') }
}
