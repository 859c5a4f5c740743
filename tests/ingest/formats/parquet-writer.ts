// Parquet traces for tests and benchmarks, written with hyparquet-writer.
import { parquetWriteBuffer } from 'hyparquet-writer';

export interface ParquetColumn {
  name: string;
  data: unknown[];
  type?: 'DOUBLE' | 'INT32' | 'INT64' | 'STRING' | 'TIMESTAMP' | 'BYTE_ARRAY';
}

export function parquetBytes(columns: ParquetColumn[], rowGroupSize = 100_000, codec: 'SNAPPY' | 'UNCOMPRESSED' = 'SNAPPY'): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: columns.map((c) => ({ name: c.name, data: c.data as never, type: c.type })) as never,
    rowGroupSize,
    codec,
  });
  return new Uint8Array(buffer);
}
