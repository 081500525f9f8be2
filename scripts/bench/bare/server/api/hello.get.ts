export default defineEventHandler(() => ({ id: 1, name: 'Hello', ok: true }))
