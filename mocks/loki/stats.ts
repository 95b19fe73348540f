/**
 * The `data.stats` object of Loki's query answers: the same keys and nesting as Loki 3.4 sends, filled
 * with the mock's own counts where it has them and zeros for the parts it has no equivalent of
 * (chunks, caches, index).
 */
import type { ExecStats } from './engine';

const cacheStats = () => ({ entriesFound: 0, entriesRequested: 0, entriesStored: 0, bytesReceived: 0, bytesSent: 0, requests: 0, downloadTime: 0, queryLengthServed: 0 });

const chunkStats = (lines: number, bytes: number, postFilter: number) => ({
  headChunkBytes: bytes,
  headChunkLines: lines,
  decompressedBytes: 0,
  decompressedLines: 0,
  compressedBytes: 0,
  totalDuplicates: 0,
  postFilterLines: postFilter,
  headChunkStructuredMetadataBytes: 0,
  decompressedStructuredMetadataBytes: 0,
});

const storeStats = (lines: number, bytes: number, postFilter: number) => ({
  totalChunksRef: 0,
  totalChunksDownloaded: 0,
  chunksDownloadTime: 0,
  queryReferencedStructuredMetadata: false,
  chunk: chunkStats(lines, bytes, postFilter),
  chunkRefsFetchTime: 0,
  congestionControlLatency: 0,
  pipelineWrapperFilteredLines: 0,
});

export function lokiStats(s: ExecStats): Record<string, unknown> {
  const exec = Math.max(s.execTimeSec, 1e-6);
  return {
    summary: {
      bytesProcessedPerSecond: Math.round(s.bytesProcessed / exec),
      linesProcessedPerSecond: Math.round(s.linesProcessed / exec),
      totalBytesProcessed: s.bytesProcessed,
      totalLinesProcessed: s.linesProcessed,
      execTime: s.execTimeSec,
      queueTime: 0,
      subqueries: 0,
      totalEntriesReturned: s.entriesReturned,
      splits: 0,
      shards: 1,
      totalPostFilterLines: s.postFilterLines,
      totalStructuredMetadataBytesProcessed: 0,
    },
    querier: { store: storeStats(0, 0, 0) },
    ingester: {
      totalReached: 1,
      totalChunksMatched: 0,
      totalBatches: 1,
      totalLinesSent: s.entriesReturned,
      store: storeStats(s.linesProcessed, s.bytesProcessed, s.postFilterLines),
    },
    cache: {
      chunk: cacheStats(),
      index: cacheStats(),
      result: cacheStats(),
      statsResult: cacheStats(),
      volumeResult: cacheStats(),
      seriesResult: cacheStats(),
      labelResult: cacheStats(),
      instantMetricResult: cacheStats(),
    },
    index: { totalChunks: 0, postFilterChunks: 0, shardsDuration: 0, usedBloomFilters: false },
  };
}
