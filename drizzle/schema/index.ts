export * from './platform'
export * from './features'
export * from './audit'
export * from './usage'
export * from './identity'
export * from './platform-admins'
export * from './access'
export * from './data-exports'
export * from './records'
<<<<<<< HEAD
export * from './dashboards'
=======
export * from './analytics'
>>>>>>> analytics
