/**
 * The `matrix` answer of a range query, identical in Loki's and Prometheus' HTTP APIs: one schema for
 * both clients.
 */
import { z } from 'zod';

export const matrixSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('matrix'),
    result: z.array(
      z.object({
        metric: z.record(z.string(), z.string()),
        values: z.array(z.tuple([z.number(), z.string()])),
      }),
    ),
  }),
});

export type MatrixSeries = z.infer<typeof matrixSchema>['data']['result'][number];
