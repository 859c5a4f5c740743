// The scikit-learn reference answers (tests/fixtures/sklearn/make_fixtures.py).
import { readFileSync } from 'node:fs';

export interface SklearnFixture {
  sklearn: string;
  n: number; dim: number; k: number;
  vectors: number[];
  knnIndices: number[];
  knnDistances: number[];
  labels: string[];
  looPredicted: string[];
  looPredicted4: string[];
  report: {
    classes: string[];
    perClass: Record<string, { precision: number; recall: number; 'f1-score': number; support: number }>;
    accuracy: number;
    macro: { precision: number; recall: number; 'f1-score': number };
    weighted: { precision: number; recall: number; 'f1-score': number };
  };
  silhouetteVectors: number[];
  silhouetteLabels: number[];
  silhouette: number[];
  pcaScores: number[];
  pcaExplained: number[];
}

export const fixture: SklearnFixture = JSON.parse(
  readFileSync(new URL('../fixtures/sklearn/analysis.json', import.meta.url), 'utf8'),
);
