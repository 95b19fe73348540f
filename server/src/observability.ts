/**
 * The backend's own Prometheus metrics (`GET /metrics`): route durations, and upstream query durations
 * and errors by target. One registry per app, so that tests can build several apps in one process.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { QueryObserver } from './upstream';

export interface BackendMetrics {
  registry: Registry;
  observeRoute(route: string, method: string, status: number, seconds: number): void;
  observeUpstream: QueryObserver;
}

const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25];

export function createBackendMetrics(): BackendMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'netobserv_backend_' });
  const routes = new Histogram({
    name: 'netobserv_backend_http_request_duration_seconds',
    help: 'Duration of the HTTP requests the backend answered, by route pattern, method and status',
    labelNames: ['route', 'method', 'status'],
    buckets,
    registers: [registry],
  });
  const upstream = new Histogram({
    name: 'netobserv_backend_upstream_query_duration_seconds',
    help: 'Duration of the queries to Loki and Prometheus, by target and outcome (HTTP status or error_<status>)',
    labelNames: ['target', 'outcome'],
    buckets,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'netobserv_backend_upstream_errors_total',
    help: 'Failed queries to Loki and Prometheus (non-2xx answers and transport failures), by target and outcome',
    labelNames: ['target', 'outcome'],
    registers: [registry],
  });
  return {
    registry,
    observeRoute: (route, method, status, seconds) => routes.observe({ route, method, status: String(status) }, seconds),
    observeUpstream: (target, seconds, outcome) => {
      upstream.observe({ target, outcome }, seconds);
      if (!/^2\d\d$/.test(outcome)) errors.inc({ target, outcome });
    },
  };
}
