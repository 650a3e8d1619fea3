/** Folders of test material. Not `spec/`: a spec folder holds the contract itself. */
const TEST_FOLDER = /^_?(tests?|testing|testdata|__tests__|fixtures?|e2e|(integration|e2e|acceptance|contract)[-_]?tests?)$/i;
/** `openapi.test.yaml`, `petstore.fixture.json`. */
const TEST_NAME = /[._-](test|fixture)\.(ya?ml|json)$/i;

/**
 * A spec kept as test material (`api/v3/test/openapi.test.yaml`, `testdata/petstore.yaml`): a fixture the tests load,
 * not a contract anyone serves. Only folders inside the workspace root count.
 */
export function isTestSpecPath(path: string, root?: string): boolean {
  const parts = path.split(/[\\/]/);
  if (TEST_NAME.test(parts[parts.length - 1])) return true;
  const inside = root && path.startsWith(root) ? path.slice(root.length).split(/[\\/]/).slice(0, -1) : parts.slice(-3, -1);
  return inside.some((d) => TEST_FOLDER.test(d));
}
