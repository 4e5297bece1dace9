// The removed and deprecated API tables live in core (the simulation refuses removed APIs too).
export { deprecatedApi, isRemovedBy, removedApi, removedApiVersions, type DeprecatedApi, type RemovedApi } from '../../core/api-versions';
