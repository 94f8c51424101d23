// Image repositories as Docker reads them: a registry alone parses, but as a Docker Hub name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { repositoryName, repositoryProblem } from '../../../src/pipeline/oci/repositoryCheck';

describe('repositoryProblem', () => {
  it('says that a registry with a port alone is read as a Docker Hub repository, and what to write', () => {
    assert.equal(
      repositoryProblem('localhost:5000', 'sample-app'),
      "'localhost:5000' is a registry, not a repository: Docker would read it as docker.io/library/localhost:5000. Name the repository too, for example localhost:5000/sample-app.",
    );
    assert.equal(
      repositoryProblem('127.0.0.1:5000', 'sample-app'),
      "'127.0.0.1:5000' is a registry, not a repository: Docker would read it as docker.io/library/127.0.0.1:5000. Name the repository too, for example 127.0.0.1:5000/sample-app.",
    );
  });

  it('says the same of a registry host alone', () => {
    assert.equal(
      repositoryProblem('ghcr.io', 'Sample App'),
      "'ghcr.io' is a registry, not a repository: Docker would read it as docker.io/library/ghcr.io:latest. Name the repository too, for example ghcr.io/sample-app.",
    );
  });

  it('accepts repositories, with or without a registry, tag or digest', () => {
    for (const ok of [
      'localhost:5000/sample-app',
      'localhost:5000/sample-app:dev',
      'ghcr.io/you/sample-app:0.1.0',
      'sample-app',
      'sample-app:v1',
      `ghcr.io/you/app@sha256:${'a'.repeat(64)}`,
    ]) {
      assert.equal(repositoryProblem(ok, 'sample-app'), undefined, ok);
    }
  });

  it('passes on what the parser says of references that are not valid at all', () => {
    assert.equal(
      repositoryProblem('ghcr.io/You/App', 'app'),
      "invalid image reference 'ghcr.io/You/App': the repository must be lowercase letters, digits and separators (. _ - /).",
    );
  });

  it('makes a repository name of an app name', () => {
    assert.equal(repositoryName('Sample App!'), 'sample-app');
    assert.equal(repositoryName('***'), 'app');
  });
});
