/** The versioned REST API's route table (paths after `/services/data/vNN.N`). */
import { Router } from '../http/router.js';
import { createCollection, deleteCollection, retrieveCollection, updateCollection, upsertCollection } from './collections.js';
import { composite, graph } from './composite.js';
import { describeBasic, describeGlobal, describeObject } from './describe.js';
import { resourcesResponse } from './identity.js';
import { limits } from './limits.js';
import { query, queryAll, queryMore } from './query.js';
import { getDeleted, getUpdated } from './replication.js';
import type { RestContext } from './restContext.js';
import { createRecord, deleteByExternalId, deleteRecord, getByExternalId, getRecord, updateRecord, upsertRecord } from './sobjects.js';
import { toolingCreate, toolingGet, toolingPatch, toolingQuery } from './tooling.js';
import { tree } from './tree.js';

const SEG = '([^/]+)';

export function restRoutes(): Router<RestContext> {
  return new Router<RestContext>()
    .add('GET', /^$/, 'other', (req, ctx) => resourcesResponse(req.instanceUrl, req.apiVersion, ctx.org))
    .add('GET', /^\/limits$/, 'limits', limits)
    .add('GET', /^\/sobjects$/, 'describeGlobal', describeGlobal)
    .add('GET', new RegExp(`^/sobjects/${SEG}/describe$`), 'describe', describeObject)
    .add('GET', new RegExp(`^/sobjects/${SEG}$`), 'describe', describeBasic)
    .add('POST', new RegExp(`^/sobjects/${SEG}$`), 'sobjectCreate', createRecord)
    .add('GET', new RegExp(`^/sobjects/${SEG}/deleted$`), 'replication', getDeleted)
    .add('GET', new RegExp(`^/sobjects/${SEG}/updated$`), 'replication', getUpdated)
    .add('GET', new RegExp(`^/sobjects/${SEG}/${SEG}$`), 'sobjectRead', getRecord)
    .add('PATCH', new RegExp(`^/sobjects/${SEG}/${SEG}$`), 'sobjectUpdate', updateRecord)
    .add('DELETE', new RegExp(`^/sobjects/${SEG}/${SEG}$`), 'sobjectDelete', deleteRecord)
    .add('GET', new RegExp(`^/sobjects/${SEG}/${SEG}/${SEG}$`), 'sobjectRead', getByExternalId)
    .add('PATCH', new RegExp(`^/sobjects/${SEG}/${SEG}/${SEG}$`), 'sobjectUpsert', upsertRecord)
    .add('DELETE', new RegExp(`^/sobjects/${SEG}/${SEG}/${SEG}$`), 'sobjectDelete', deleteByExternalId)
    .add('GET', /^\/query$/, 'query', query)
    .add('GET', /^\/queryAll$/, 'query', queryAll)
    .add('GET', /^\/(?:query|queryAll)\/(01g[A-Za-z0-9]{12,15})-(\d+)$/, 'queryMore', queryMore)
    .add('GET', /^\/tooling\/query$/, 'toolingQuery', toolingQuery)
    .add('POST', new RegExp(`^/tooling/sobjects/${SEG}$`), 'toolingCreate', toolingCreate)
    .add('GET', new RegExp(`^/tooling/sobjects/${SEG}/${SEG}$`), 'toolingRead', toolingGet)
    .add('PATCH', new RegExp(`^/tooling/sobjects/${SEG}/${SEG}$`), 'toolingUpdate', toolingPatch)
    .add('POST', /^\/composite$/, 'composite', composite)
    .add('POST', /^\/composite\/graph$/, 'graph', graph)
    .add('POST', new RegExp(`^/composite/tree/${SEG}$`), 'tree', tree)
    .add('POST', /^\/composite\/sobjects$/, 'collectionCreate', createCollection)
    .add('PATCH', /^\/composite\/sobjects$/, 'collectionUpdate', updateCollection)
    .add('DELETE', /^\/composite\/sobjects$/, 'collectionDelete', deleteCollection)
    .add('GET', new RegExp(`^/composite/sobjects/${SEG}$`), 'collectionRetrieve', retrieveCollection)
    .add('POST', new RegExp(`^/composite/sobjects/${SEG}$`), 'collectionRetrieve', retrieveCollection)
    .add('PATCH', new RegExp(`^/composite/sobjects/${SEG}/${SEG}$`), 'collectionUpsert', upsertCollection);
}
