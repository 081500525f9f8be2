import type { PipelineRow, PipelineStageRow, StageSummary } from '#shared/schemas/pipelines'
import type { RecordList, RecordRow } from '#shared/schemas/records'

/** Cards a column loads at once ("Load more" fetches the next page with the list's cursor). */
export const BOARD_PAGE = 20
/** Won and lost columns show deals closed within this many days. */
export const BOARD_CLOSED_DAYS = 90

interface Column { items: RecordRow[], nextCursor: string | null, loadingMore: boolean }
interface BoardData { columns: Record<string, Column>, summary: StageSummary[] }

/**
 * The deals board's data: the pipelines, the chosen one (`?pipeline=`), the owner filter
 * (`?ownerId=me`), one page of deals per stage from the records list API, the column totals, and
 * moves with an optimistic update that is rolled back (and told) when the server refuses.
 */
export async function useDealsBoard() {
  const tenant = useTenant()
  const route = useRoute()
  const router = useRouter()
  const toast = useToast()
  const requestFetch = useRequestFetch()
  // One cut-off for the server render and the browser, so both ask for the same columns.
  const closedFrom = useState('deals-board-closed-from', () => new Date(Date.now() - BOARD_CLOSED_DAYS * 86_400_000).toISOString().slice(0, 10))

  // Both requests start before anything is awaited: after an await, a composable has lost the
  // Nuxt instance (only a page's own setup gets it back), so no useAsyncData may follow one.
  const pipelinesRequest = useFetch<PipelineRow[]>('/api/pipelines', { key: `pipelines:${tenant.value?.id}`, default: () => [] })
  const { data: pipelines, error: pipelinesError } = pipelinesRequest
  const pipelineId = computed({
    get: () => {
      const wanted = route.query.pipeline
      return (typeof wanted === 'string' && pipelines.value.some(p => p.id === wanted) ? wanted : pipelines.value.find(p => p.isDefault)?.id ?? pipelines.value[0]?.id) ?? null
    },
    set: id => router.replace({ query: { ...route.query, pipeline: id ?? undefined } }),
  })
  const mine = computed({
    get: () => route.query.ownerId === 'me',
    set: v => router.replace({ query: { ...route.query, ownerId: v ? 'me' : undefined } }),
  })
  const pipeline = computed(() => pipelines.value.find(p => p.id === pipelineId.value) ?? null)

  function columnQuery(stage: PipelineStageRow, cursor?: string) {
    const closed = stage.kind !== 'open'
    return {
      pipelineId: pipelineId.value, stageId: stage.id, limit: BOARD_PAGE,
      sort: closed ? 'closedAt' : 'updatedAt', dir: 'desc',
      ...(closed ? { closedAtFrom: closedFrom.value } : {}),
      ...(mine.value ? { ownerId: 'me' } : {}),
      ...(cursor ? { cursor } : {}),
    }
  }

  // Keyed by the URL (not by the resolved pipeline), so the pipelines arriving do not fetch twice.
  const boardRequest = useAsyncData<BoardData>(
    () => `deals-board:${tenant.value?.id}:${String(route.query.pipeline ?? 'default')}:${mine.value ? 'me' : 'all'}`,
    async () => {
      await pipelinesRequest
      const p = pipeline.value
      if (!p) return { columns: {}, summary: [] }
      const [lists, summary] = await Promise.all([
        Promise.all(p.stages.map(s => requestFetch<RecordList>('/api/records/deals', { query: columnQuery(s) }))),
        requestFetch<StageSummary[]>(`/api/pipelines/${p.id}/summary`, { query: { closedFrom: closedFrom.value, ...(mine.value ? { ownerId: 'me' } : {}) } }),
      ])
      return {
        columns: Object.fromEntries(p.stages.map((s, i) => [s.id, { items: lists[i]!.items, nextCursor: lists[i]!.nextCursor, loadingMore: false }])),
        summary,
      }
    },
  )
  await Promise.all([pipelinesRequest, boardRequest])
  const { data, error, status, refresh } = boardRequest

  async function loadMore(stage: PipelineStageRow) {
    const column = data.value?.columns[stage.id]
    if (!column?.nextCursor || column.loadingMore) return
    column.loadingMore = true
    try {
      const page = await $fetch<RecordList>('/api/records/deals', { query: columnQuery(stage, column.nextCursor) })
      const seen = new Set(column.items.map(d => d.id))
      column.items.push(...page.items.filter(d => !seen.has(d.id)))
      column.nextCursor = page.nextCursor
    }
    catch (e) {
      toast.add({ title: 'More deals could not be loaded', description: errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
    }
    finally {
      column.loadingMore = false
    }
  }

  /** Adds `sign` × the deal to a column's totals (the header updates before the server answers). */
  function tally(stageId: string, deal: RecordRow, sign: 1 | -1) {
    const s = data.value?.summary.find(x => x.stageId === stageId)
    if (!s) return
    s.count += sign
    const currency = deal.currency as string
    const amount = (deal.amountMinor as number) * sign
    const sum = s.sums.find(x => x.currency === currency)
    if (sum) sum.amountMinor += amount
    else s.sums.push({ currency, amountMinor: amount })
    s.sums = s.sums.filter(x => x.amountMinor !== 0 || s.count > 0)
  }

  /** Moves a card at once, then asks the server; a refusal puts it back and says why (a stale deal reloads the board). */
  async function move(deal: RecordRow, toStageId: string, lostReason?: string): Promise<boolean> {
    const board = data.value
    const fromStageId = deal.stageId as string
    if (!board || fromStageId === toStageId) return false
    const from = board.columns[fromStageId]
    const to = board.columns[toStageId]
    if (!from || !to) return false
    const index = from.items.findIndex(d => d.id === deal.id)
    if (index < 0) return false
    const target = pipeline.value?.stages.find(s => s.id === toStageId)
    from.items.splice(index, 1)
    const moving: RecordRow = { ...deal, stageId: toStageId, status: target?.kind ?? deal.status }
    to.items.unshift(moving)
    tally(fromStageId, deal, -1)
    tally(toStageId, deal, 1)
    try {
      const updated = await $fetch<RecordRow>(`/api/deals/${deal.id}/move`, { method: 'POST', body: { stageId: toStageId, version: deal.version, ...(lostReason ? { lostReason } : {}) } })
      const at = to.items.findIndex(d => d.id === deal.id)
      if (at >= 0) to.items.splice(at, 1, updated)
      toast.add({ title: `${deal.title} moved to ${target?.name ?? 'another stage'}`, color: 'success', icon: 'i-lucide-check' })
      return true
    }
    catch (e) {
      const at = to.items.findIndex(d => d.id === deal.id)
      if (at >= 0) to.items.splice(at, 1)
      from.items.splice(index, 0, deal)
      tally(toStageId, deal, -1)
      tally(fromStageId, deal, 1)
      const stale = (e as { statusCode?: number }).statusCode === 409
      toast.add({
        title: stale ? 'Someone changed this deal meanwhile' : `${deal.title} could not be moved`,
        description: stale ? 'The board was reloaded with the latest deals; try again.' : errorMessage(e),
        color: 'error', icon: 'i-lucide-circle-alert',
      })
      if (stale) await refresh()
      return false
    }
  }

  return { pipelines, pipelinesError, pipeline, pipelineId, mine, data, error, status, refresh, loadMore, move, closedFrom }
}
