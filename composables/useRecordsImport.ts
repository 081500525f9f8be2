import type { RecordType } from '#shared/records'
import type { ImportPreview, ImportReport } from '#shared/schemas/io'
import { IMPORT_MAX_BYTES } from '#shared/schemas/io'

export type ImportStep = 'file' | 'map' | 'report'
/** What the wizard is waiting for: the upload (with its progress), then the server's check or insert. */
export type ImportPhase = 'idle' | 'uploading' | 'validating' | 'importing'

/**
 * POSTs a file with XHR rather than fetch, for its upload progress (fetch has none). Answers
 * the JSON body, or throws an error shaped like $fetch's (`data` is our error contract).
 */
function postFile<T>(url: string, file: File, options: unknown, onProgress: (fraction: number) => void, onUploaded: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const form = new FormData()
    if (options !== undefined) form.append('options', JSON.stringify(options))
    form.append('file', file)
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.responseType = 'json'
    xhr.upload.onprogress = e => e.lengthComputable && onProgress(e.loaded / e.total)
    xhr.upload.onload = onUploaded
    xhr.onload = () => xhr.status < 300
      ? resolve(xhr.response as T)
      : reject(Object.assign(new Error(xhr.response?.message ?? `The server answered ${xhr.status}`), { statusCode: xhr.status, data: xhr.response }))
    xhr.onerror = () => reject(new Error('The upload failed: check your connection and try again'))
    xhr.send(form)
  })
}

/** The import wizard's state: choose a file → map its columns → check (dry run) → import. */
export function useRecordsImport(type: RecordType) {
  const step = ref<ImportStep>('file')
  const phase = ref<ImportPhase>('idle')
  const progress = ref(0)
  const file = shallowRef<File | null>(null)
  const preview = ref<ImportPreview | null>(null)
  const mapping = ref<Record<string, string | null>>({})
  const report = ref<ImportReport | null>(null)
  const failure = ref<string | null>(null)
  const busy = computed(() => phase.value !== 'idle')

  /** Required fields no column fills yet (the server refuses such a mapping too). */
  const missing = computed(() => (preview.value?.targets ?? []).filter(t => t.required && !Object.values(mapping.value).includes(t.key)))

  function reset() {
    step.value = 'file'
    phase.value = 'idle'
    file.value = null
    preview.value = null
    report.value = null
    failure.value = null
  }

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    failure.value = null
    progress.value = 0
    phase.value = 'uploading'
    try {
      return await action()
    }
    catch (error) {
      failure.value = errorMessage(error)
      return undefined
    }
    finally {
      phase.value = 'idle'
    }
  }

  /** Uploads the file; once its bytes are up, the phase says what the server is doing with them. */
  const upload = <T>(path: string, options: unknown, after: ImportPhase) => postFile<T>(`/api/records/${type}/import${path}`, file.value!, options,
    (f) => { progress.value = f },
    () => { phase.value = after })

  /** Step 1 → 2: the file's headers and the suggested mapping. */
  async function choose(chosen: File) {
    file.value = chosen
    if (chosen.size > IMPORT_MAX_BYTES) {
      failure.value = `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB; split it and import each part`
      return
    }
    const result = await run(() => upload<ImportPreview>('/preview', undefined, 'validating'))
    if (!result) return
    preview.value = result
    mapping.value = { ...result.mapping }
    step.value = 'map'
  }

  /** A dry run (step 2 → 3), or the import itself; the report replaces the previous one. */
  async function submit(dryRun: boolean) {
    const result = await run(() => upload<ImportReport>('', { mapping: mapping.value, dryRun }, dryRun ? 'validating' : 'importing'))
    if (!result) return
    report.value = result
    step.value = 'report'
  }

  return { step, phase, progress, file, preview, mapping, report, failure, busy, missing, reset, choose, submit }
}
