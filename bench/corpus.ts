// Deterministic synthetic inputs for the benchmarks: a large OpenAPI spec and a large Python service module.

/** An OpenAPI 3.0 YAML spec of about `lines` lines: CRUD paths with parameters, bodies and schemas. */
export function openApiYaml(lines: number): string {
  const out = ['openapi: 3.0.3', 'info:', '  title: Bench API', '  version: "1.0"', 'paths:'];
  const schemas: string[] = [];
  for (let i = 0; out.length + schemas.length < lines; i++) {
    out.push(
      `  /resource${i}:`,
      '    get:',
      `      operationId: list${i}`,
      '      parameters:',
      '        - name: q',
      '          in: query',
      '          schema:',
      '            type: string',
      '      responses:',
      '        "200":',
      '          description: ok',
      '          content:',
      '            application/json:',
      '              schema:',
      '                type: array',
      '                items:',
      `                  $ref: "#/components/schemas/Item${i}"`,
      '    post:',
      `      operationId: create${i}`,
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      `              $ref: "#/components/schemas/Item${i}"`,
      '      responses:',
      '        "201":',
      '          description: created',
    );
    schemas.push(`    Item${i}:`, '      type: object', '      properties:', '        id:', '          type: string', '        count:', '          type: integer');
  }
  return [...out, 'components:', '  schemas:', ...schemas, ''].join('\n');
}

/** A Python module of about `lines` lines with outbound calls, some without timeouts. */
export function pythonModule(lines: number): string {
  const out = ['import json', 'import requests', 'from requests import get as fetch', '', 'session = requests.Session()', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `def handler_${i}(order_id, payload):`,
      `    """Calls the upstream for order ${i}."""`,
      `    url = f"http://inventory:8080/items/{order_id}/${i}"`,
      i % 3 === 0 ? '    r = requests.get(url)' : `    r = requests.get(url, timeout=${(i % 5) + 1})`,
      '    data = json.loads(r.text)',
      `    if data.get("count", 0) > ${i}:`,
      i % 4 === 0 ? '        session.post(url, json=payload)' : '        session.post(url, json=payload, timeout=3)',
      '    return data',
      '',
    );
  }
  return out.join('\n');
}

/** Offset just after the occurrence of `needle` nearest the middle of the text: where the bench types. */
export function typingPoint(text: string, needle: string): number {
  const at = text.indexOf(needle, Math.floor(text.length / 2));
  if (at < 0) throw new Error(`bench corpus has no "${needle}"`);
  return at + needle.length;
}
