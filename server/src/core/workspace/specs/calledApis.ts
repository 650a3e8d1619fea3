/**
 * Specs of APIs a service calls rather than serves (ServiceComparison.calledApis): the sign in its code that it loads
 * a spec as data, to build requests from it.
 */
/** Libraries that serve an API from its spec (connexion, openapi-backend, a validator, Swagger UI): a spec they load is the service's own. */
const SERVES_SPEC = /\bconnexion\b|\badd_api\s*\(|openapi-backend|express-openapi|openapi-glue|oas-tools|exegesis|swagger-express|swagger-routes|openapi-?validator|swagger-?ui|SwaggerModule|redoc|springdoc|oapi-codegen|RegisterHandlers/i;

/** Code that names the spec's file in a string (`readFileSync(join(__dirname, "./jira.spec.json"))`) and serves no API from it. */
export function loadsAsClient(text: string, file: string): boolean {
  const at = text.indexOf(file);
  if (at < 0 || !/["'`/\\]/.test(text[at - 1] ?? '') || !/["'`]/.test(text[at + file.length] ?? '')) return false;
  return !SERVES_SPEC.test(text);
}
