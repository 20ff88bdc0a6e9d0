/**
 * Where an operation's request body is required, read as operation.ts reads the operation: through a
 * path item given as a `$ref`, and a requestBody given as a chain of `$ref`s into
 * components.requestBodies; an absent `required` is OpenAPI's default, false.
 */
import type { LoadedSpec, OperationContract } from '../../src/model/operation';
import { SpecError } from '../../src/model/errors';
import { requiredRequestBody } from '../../src/openapi/required-request-body';

const spec = (document: Record<string, unknown>): LoadedSpec => ({ path: 'spec.json', title: 't', version: '1', sha256: '', document });
const post: Pick<OperationContract, 'method' | 'pathTemplate'> = { method: 'POST', pathTemplate: '/v1/agents' };

test('a path item given as a $ref is followed: its operation requires the body there', () => {
  const document = { paths: { '/v1/agents': { $ref: '#/components/pathItems/Agents' } }, components: { pathItems: { Agents: { post: { requestBody: { required: true, content: { 'multipart/form-data': {} } } } } } } };
  expect(requiredRequestBody(spec(document), post)).toBe('#/components/pathItems/Agents/post/requestBody/required');
});

test('a chain of requestBodies $refs is followed to the one that requires it; a body whose required is absent or false is optional', () => {
  const components = { requestBodies: { Agent: { $ref: '#/components/requestBodies/AgentJson' }, AgentJson: { required: true, content: { 'application/json': {} } }, Loose: { content: { 'application/json': {} } } } };
  const at = (requestBody: unknown, method: 'POST' | 'GET' = 'POST'): string | undefined => requiredRequestBody(spec({ paths: { '/v1/agents': { [method.toLowerCase()]: { requestBody } } }, components }), { ...post, method });
  expect(at({ $ref: '#/components/requestBodies/Agent' })).toBe('#/components/requestBodies/AgentJson/required');
  expect([at({ $ref: '#/components/requestBodies/Loose' }), at({ required: false }), at(undefined), at({ content: {} })]).toEqual([undefined, undefined, undefined, undefined]);
  // A GET that documents a required body is sent none all the same.
  expect(at({ required: true }, 'GET')).toBe('#/paths/~1v1~1agents/get/requestBody/required');
});

test('a requestBody $ref to nothing, or a cycle of them, is a broken spec in one line', () => {
  const at = (requestBodies: Record<string, unknown>) => () => requiredRequestBody(spec({ paths: { '/v1/agents': { post: { requestBody: { $ref: '#/components/requestBodies/A' } } } }, components: { requestBodies } }), post);
  expect(at({})).toThrow(new SpecError('spec.json: $ref "#/components/requestBodies/A" at #/paths/~1v1~1agents/post/requestBody points to nothing'));
  expect(at({ A: { $ref: '#/components/requestBodies/A' } })).toThrow(new SpecError('spec.json: $ref cycle at #/paths/~1v1~1agents/post/requestBody (#/components/requestBodies/A)'));
});
