/** A file name from a dashboard's or widget's name: lowercase words joined by dashes. */
export function exportFileName(name: string, ext: 'png' | 'pdf' | 'csv' | 'xlsx' | 'json'): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'dashboard'
  return `${base}.${ext}`
}

/** A4 in millimetres, the margins, and the header band of a PDF page. */
const PAGE = { long: 297, short: 210, margin: 12, header: 16 }

/** An image the browser can draw (the tenant's logo, SVG or bitmap) as a PNG data URL, or null. */
async function rasterize(src: string, height: number): Promise<{ data: string, ratio: number } | null> {
  try {
    const img = new Image()
    img.src = src
    await img.decode()
    const ratio = (img.naturalWidth || 1) / (img.naturalHeight || 1)
    const canvas = document.createElement('canvas')
    canvas.height = height
    canvas.width = Math.round(height * ratio)
    canvas.getContext('2d')!.drawImage(img, 0, 0, canvas.width, canvas.height)
    return { data: canvas.toDataURL('image/png'), ratio }
  }
  catch {
    return null
  }
}

/**
 * Exports a dashboard's grid as it is drawn: PNG through modern-screenshot (charts are canvases,
 * copied as they are); PDF on A4 pages (landscape for a wide grid) with margins, the workspace's
 * logo, name and colour and the dashboard's name in a header, and that image fitted to the page's
 * width (continued on the next page when taller), deflated (jspdf). Both load only when asked, so
 * the page does not carry them.
 */
export function useDashboardExport() {
  const exporting = ref<'png' | 'pdf' | null>(null)
  const toast = useToast()
  const site = useSiteStore()
  const format = useDisplayFormat()

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

  async function pdfOf(png: string, width: number, height: number, name: string) {
    const { jsPDF } = await import('jspdf')
    const landscape = width >= height
    const pdf = new jsPDF({ orientation: landscape ? 'landscape' : 'portrait', unit: 'mm', format: 'a4', compress: true })
    const pageW = landscape ? PAGE.long : PAGE.short
    const pageH = landscape ? PAGE.short : PAGE.long
    const contentW = pageW - 2 * PAGE.margin
    const top = PAGE.margin + PAGE.header
    const contentH = pageH - top - PAGE.margin
    const imageH = contentW * (height / width)
    const pages = Math.max(1, Math.ceil(imageH / contentH - 0.001))

    const tenant = site.tenant
    const brand = tenant?.theme.primary ?? '#4f46e5'
    const logo = tenant?.theme.logo ? await rasterize(tenant.theme.logo, 96) : null
    const stamp = `${tenant?.name ?? ''}${tenant ? ' · ' : ''}exported ${format.dateTime(new Date().toISOString())}`

    for (let page = 0; page < pages; page++) {
      if (page) pdf.addPage()
      // The grid's slice for this page: the whole image, shifted up, with what falls outside the
      // content box covered by the page's white margins.
      pdf.addImage(png, 'PNG', PAGE.margin, top - page * contentH, contentW, imageH, 'grid', 'FAST')
      pdf.setFillColor(255, 255, 255)
      pdf.rect(0, 0, pageW, top, 'F')
      pdf.rect(0, pageH - PAGE.margin, pageW, PAGE.margin, 'F')
      // The header: logo, dashboard name, workspace and date; a rule in the brand's colour.
      let x = PAGE.margin
      if (logo) {
        pdf.addImage(logo.data, 'PNG', x, PAGE.margin - 2, 8 * logo.ratio, 8, 'logo', 'FAST')
        x += 8 * logo.ratio + 4
      }
      pdf.setTextColor(17, 24, 39)
      pdf.setFont('helvetica', 'bold')
      pdf.setFontSize(13)
      pdf.text(name, x, PAGE.margin + 3)
      pdf.setFont('helvetica', 'normal')
      pdf.setFontSize(8)
      pdf.setTextColor(107, 114, 128)
      pdf.text(stamp, x, PAGE.margin + 7.5)
      if (pages > 1) pdf.text(`${page + 1} / ${pages}`, pageW - PAGE.margin, PAGE.margin + 7.5, { align: 'right' })
      pdf.setDrawColor(brand)
      pdf.setLineWidth(0.6)
      pdf.line(PAGE.margin, top - 3, pageW - PAGE.margin, top - 3)
    }
    pdf.save(exportFileName(name, 'pdf'))
  }

  async function run(kind: 'png' | 'pdf', el: HTMLElement | null | undefined, name: string) {
    if (!el || exporting.value) return
    exporting.value = kind
    try {
      const png = await capture(el)
      if (kind === 'png') return download(png, exportFileName(name, 'png'))
      const { width, height } = el.getBoundingClientRect()
      await pdfOf(png, width, height, name)
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
