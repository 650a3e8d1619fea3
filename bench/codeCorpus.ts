// Deterministic 2,000-line service modules in TypeScript, Go and Java (Python comes from corpus.ts): outbound
// calls with and without timeouts, retry loops, string constants, handlers; the kind of file the code rules read.

export function tsModule(lines: number): string {
  const out = ['import axios from "axios";', 'import express from "express";', '', 'const app = express();', 'const api = axios.create({ timeout: 2000 });', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `export async function handler${i}(orderId: string, payload: unknown): Promise<unknown> {`,
      `  // Calls the upstream for order ${i}.`,
      `  const url = \`http://inventory:8080/items/\${orderId}/${i}\`;`,
      i % 3 === 0 ? '  const r = await fetch(url);' : `  const r = await fetch(url, { signal: AbortSignal.timeout(${(i % 5) + 1}000) });`,
      `  const label = "item-${i}";`,
      i % 4 === 0 ? '  await axios.post(url, payload);' : '  await api.post(url, payload);',
      '  return { label, data: await r.json() };',
      '}',
      '',
    );
  }
  return out.join('\n');
}

export function goModule(lines: number): string {
  const out = ['package main', '', 'import (', '\t"fmt"', '\t"net/http"', '\t"time"', ')', '', 'var client = &http.Client{Timeout: 5 * time.Second}', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `// Handler${i} calls the upstream for order ${i}.`,
      `func Handler${i}(orderID string) (*http.Response, error) {`,
      `\turl := fmt.Sprintf("http://inventory:8080/items/%s/${i}", orderID)`,
      i % 3 === 0 ? '\tresp, err := http.Get(url)' : '\tresp, err := client.Get(url)',
      '\tif err != nil {',
      '\t\treturn nil, err',
      '\t}',
      '\treturn resp, nil',
      '}',
      '',
    );
  }
  return out.join('\n');
}

export function javaModule(lines: number): string {
  const out = ['package shop;', '', 'import java.net.URI;', 'import java.net.http.HttpClient;', 'import java.net.http.HttpRequest;', 'import java.time.Duration;', '', 'public class Handlers {', '  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();', ''];
  for (let i = 0; out.length < lines - 1; i++) {
    out.push(
      `  /** Calls the upstream for order ${i}. */`,
      `  public String handler${i}(String orderId) throws Exception {`,
      `    URI uri = URI.create("http://inventory:8080/items/" + orderId + "/${i}");`,
      i % 3 === 0 ? '    HttpRequest req = HttpRequest.newBuilder(uri).GET().build();' : `    HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(${(i % 5) + 1})).GET().build();`,
      '    return client.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();',
      '  }',
      '',
    );
  }
  out.push('}');
  return out.join('\n');
}
