/** A pipeline with its stages, as GET /api/pipelines lists them (when the deals module has that route). */
export interface PipelineWithStages {
  id: string
  name: string
  stages: { id: string, name: string, kind?: string }[]
}

/**
 * The workspace's pipelines and stages, read in the browser when first needed (stage pickers,
 * stage filters, the timeline's stage names). Null when they cannot be read: pages then fall back
 * to the stage names the records API already gives (`refs.stageId`), and for a role that may not
 * read deals nothing is asked at all.
 */
export function usePipelines() {
  const tenant = useTenant()
  const can = useCan()
  // Only for whoever may read them (the CRM on, deals:read): a role without them (Support) would
  // get a 403 on every page that shows a filter or a timeline.
  const readable = tenant.value?.features.crm === true && can('deals:read')
  const { data } = useLazyFetch<PipelineWithStages[] | { items: PipelineWithStages[] }>('/api/pipelines', {
    key: `pipelines:${tenant.value?.id}`,
    server: false,
    immediate: readable,
    default: () => null as unknown as PipelineWithStages[],
    onResponseError: () => {},
  })
  const pipelines = computed<PipelineWithStages[] | null>(() => {
    const v = data.value
    if (!v) return null
    const list = Array.isArray(v) ? v : v.items
    return Array.isArray(list) ? list.filter(p => p && Array.isArray(p.stages)) : null
  })
  const stageName = (id: string | null | undefined) => {
    if (!id) return null
    for (const p of pipelines.value ?? []) {
      const s = p.stages.find(x => x.id === id)
      if (s) return s.name
    }
    return null
  }
  return { pipelines, stageName }
}
