import { describe, expect, it } from 'vitest'
import { FEATURE_KEYS, FEATURES, effectiveFeatures, isFeatureKey } from '../../shared/features'

describe('effectiveFeatures', () => {
  it('follows the plan when there are no overrides or kill switches', () => {
    const flags = effectiveFeatures(['crm', 'analytics'], {}, [])
    expect(flags.crm).toBe(true)
    expect(flags.analytics).toBe(true)
    expect(flags.tickets).toBe(false)
    expect(flags.remove_branding).toBe(false)
  })

  it('turns everything off for a plan with no features', () => {
    const flags = effectiveFeatures([], {}, [])
    expect(Object.values(flags).every(on => on === false)).toBe(true)
  })

  it('lets a tenant override turn on a feature the plan lacks', () => {
    const flags = effectiveFeatures(['crm'], { tickets: true }, [])
    expect(flags.tickets).toBe(true)
    expect(flags.crm).toBe(true)
  })

  it('lets a tenant override turn off a feature the plan has', () => {
    const flags = effectiveFeatures(['crm', 'analytics'], { analytics: false }, [])
    expect(flags.analytics).toBe(false)
    expect(flags.crm).toBe(true)
  })

  it('lets the kill switch win over the plan', () => {
    const flags = effectiveFeatures(['crm', 'analytics'], {}, ['analytics'])
    expect(flags.analytics).toBe(false)
    expect(flags.crm).toBe(true)
  })

  it('lets the kill switch win over a tenant override', () => {
    const flags = effectiveFeatures([], { dashboards: true }, ['dashboards'])
    expect(flags.dashboards).toBe(false)
  })

  it('lets the kill switch win over both plan and override together', () => {
    const flags = effectiveFeatures(['dashboards'], { dashboards: true }, ['dashboards'])
    expect(flags.dashboards).toBe(false)
  })

  it('ignores unknown keys in every input', () => {
    const flags = effectiveFeatures(['crm', 'teleport'], { warp_drive: true, crm: true }, ['nonsense'])
    expect(Object.keys(flags).sort()).toEqual([...FEATURE_KEYS].sort())
    expect(flags.crm).toBe(true)
    expect('teleport' in flags).toBe(false)
    expect('warp_drive' in flags).toBe(false)
  })

  it('does not pick up inherited object properties as overrides', () => {
    const flags = effectiveFeatures([], {}, [])
    expect(Object.keys(flags)).not.toContain('constructor')
    expect(Object.keys(flags)).not.toContain('toString')
  })

  it('returns exactly the catalogue keys, each a boolean', () => {
    const flags = effectiveFeatures(['crm'], { tickets: true }, ['analytics'])
    expect(Object.keys(flags).sort()).toEqual([...FEATURE_KEYS].sort())
    for (const key of FEATURE_KEYS) expect(typeof flags[key]).toBe('boolean')
  })

  it('gives each seeded plan the features the catalogue lists for it', () => {
    for (const plan of ['starter', 'pro', 'enterprise']) {
      const planFeatures = FEATURE_KEYS.filter(key => (FEATURES[key].plans as readonly string[]).includes(plan))
      const flags = effectiveFeatures(planFeatures, {}, [])
      for (const key of FEATURE_KEYS) expect(flags[key]).toBe(planFeatures.includes(key))
    }
  })

  it('does not mutate its inputs', () => {
    const plan = ['crm']
    const overrides = { tickets: true }
    const killed = ['crm']
    effectiveFeatures(plan, overrides, killed)
    expect(plan).toEqual(['crm'])
    expect(overrides).toEqual({ tickets: true })
    expect(killed).toEqual(['crm'])
  })
})

describe('isFeatureKey', () => {
  it('accepts every catalogue key', () => {
    for (const key of FEATURE_KEYS) expect(isFeatureKey(key)).toBe(true)
  })

  it.each(['', 'CRM', 'teleport', 'toString', 'constructor', '__proto__', 'hasOwnProperty'])('refuses %j', (value) => {
    expect(isFeatureKey(value)).toBe(false)
  })
})
