export * from './platform'
export * from './features'
export * from './audit'
export * from './usage'
