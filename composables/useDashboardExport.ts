/** A file name from a dashboard's or widget's name: lowercase words joined by dashes. */
export function exportFileName(name: string, ext: 'png' | 'pdf' | 'csv' | 'xlsx' | 'json'): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'dashboard'
  return `${base}.${ext}`
}

/**
 * Exports a dashboard's grid as it is drawn: PNG through modern-screenshot (charts are canvases,
 * copied as they are), PDF as that image on a page of the same proportions (jspdf). Both load
 * only when asked, so the page does not carry them.
 */
export function useDashboardExport() {
  const exporting = ref<'png' | 'pdf' | null>(null)
  const toast = useToast()

  async function capture(el: HTMLElement) {
    const { domToPng } = await import('modern-screenshot')
    const background = getComputedStyle(document.documentElement).getPropertyValue('--ui-bg').trim() || '#ffffff'
    return domToPng(el, { scale: 2, backgroundColor: background })
  }

  function download(href: string, file: string) {
    const a = document.createElement('a')
    a.href = href
    a.download = file
    document.body.appendChild(a)
    a.click()
    a.remove()
  }

  async function run(kind: 'png' | 'pdf', el: HTMLElement | null | undefined, name: string) {
    if (!el || exporting.value) return
    exporting.value = kind
    try {
      const png = await capture(el)
      if (kind === 'png') return download(png, exportFileName(name, 'png'))
      const { jsPDF } = await import('jspdf')
      const { width, height } = el.getBoundingClientRect()
      const pdf = new jsPDF({ orientation: width >= height ? 'landscape' : 'portrait', unit: 'px', format: [width, height], hotfixes: ['px_scaling'] })
      pdf.addImage(png, 'PNG', 0, 0, width, height)
      pdf.save(exportFileName(name, 'pdf'))
    }
    catch (e) {
      toast.add({ title: 'The export failed', description: errorMessage(e), color: 'error', icon: 'i-lucide-circle-alert' })
    }
    finally {
      exporting.value = null
    }
  }

  return { exporting: readonly(exporting), exportPng: (el: HTMLElement | null | undefined, name: string) => run('png', el, name), exportPdf: (el: HTMLElement | null | undefined, name: string) => run('pdf', el, name) }
}
