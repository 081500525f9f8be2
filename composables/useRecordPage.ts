import type { RecordType } from '#shared/records'
import { RECORDS } from '#shared/records'
import type { CustomFieldDef } from '#shared/schemas/records'

/** The record type a /[type] page is for (from its address), with that type's catalogue entry. */
export function useRecordType() {
  const route = useRoute()
  const type = route.params.type as RecordType
  return { route, type, def: RECORDS[type] }
}

/** A type's custom field definitions, cached per workspace and type (the record list reads the same). */
export function useCustomFieldDefs(type: RecordType) {
  const tenant = useTenant()
  return useFetch<CustomFieldDef[]>('/api/custom-fields', { key: `custom-fields:${tenant.value?.id}:${type}`, query: { recordType: type }, default: () => [] })
}
