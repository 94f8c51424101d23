// What a SelfSubjectRulesReview's rules allow, as the tree says it under a 403.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  allowedVerbs,
  describeAllowed,
  resourceName,
  type ResourceRule,
} from '../../../src/cluster/accessRules';
import { explorerResources } from '../../../src/cluster/accessReview';

const spinapps = { group: 'core.spinkube.dev', resource: 'spinapps' };
const pods = { group: '', resource: 'pods' };
const podLog = { group: '', resource: 'pods/log' };

describe('access rules', () => {
  it('names resources as kubectl does', () => {
    assert.equal(resourceName(spinapps), 'spinapps.core.spinkube.dev');
    assert.equal(resourceName(pods), 'pods');
    assert.equal(resourceName({ group: 'apps', resource: 'deployments' }), 'deployments.apps');
    assert.equal(resourceName({ group: 'g.io', resource: 'things/status' }), 'things.g.io/status');
  });

  it('collects verbs across rules, in kubectl order, with wildcards and subresources', () => {
    const rules: ResourceRule[] = [
      { verbs: ['watch', 'list'], apiGroups: ['core.spinkube.dev'], resources: ['spinapps'] },
      { verbs: ['get'], apiGroups: ['*'], resources: ['spinapps'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods/*'] },
      { verbs: ['delete'], apiGroups: [''], resources: ['pods'], resourceNames: ['only-this-one'] },
    ];
    assert.deepEqual(allowedVerbs(rules, spinapps), ['get', 'list', 'watch']);
    assert.deepEqual(allowedVerbs(rules, podLog), ['get']);
    assert.deepEqual(allowedVerbs(rules, pods), [], 'a rule for named objects only does not let you list');
    assert.deepEqual(allowedVerbs([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], pods), ['*']);
  });

  it('says it in one line, grouping resources with the same verbs', () => {
    const rules: ResourceRule[] = [
      { verbs: ['get', 'list', 'watch'], apiGroups: ['core.spinkube.dev'], resources: ['spinapps'] },
      { verbs: ['list'], apiGroups: [''], resources: ['pods', 'services'] },
      { verbs: ['get'], apiGroups: [''], resources: ['pods/log'] },
    ];
    assert.equal(
      describeAllowed(rules, [spinapps, pods, podLog, { group: '', resource: 'services' }]),
      'You may: get, list, watch spinapps.core.spinkube.dev; list pods, services; get pods/log',
    );
  });

  it('shortens every write verb to "change" and every verb to "do anything with"', () => {
    const writes = ['create', 'update', 'patch', 'delete', 'deletecollection'];
    assert.equal(
      describeAllowed([{ verbs: ['get', ...writes], apiGroups: [''], resources: ['pods'] }], [pods]),
      'You may: get, change pods',
    );
    assert.equal(
      describeAllowed([{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], [spinapps, pods]),
      'You may: do anything with spinapps.core.spinkube.dev, pods',
    );
  });

  it('says nothing when none of the resources is allowed, and copes with malformed rules', () => {
    const odd = [{ verbs: undefined, apiGroups: undefined, resources: ['pods'] }, {}] as ResourceRule[];
    assert.equal(describeAllowed(odd, explorerResources('core.spinkube.dev')), undefined);
  });
});
