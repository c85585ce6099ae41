/** @module ecr: container image storage in Amazon ECR, per GB-month. */
import { toMoney } from '../pricing/money.js';
import type { LineSpec } from './line.js';

export function ecrStorageLines(storageGB: number): LineSpec[] {
  if (storageGB <= 0) return [];
  return [
    {
      category: 'storage',
      service: null,
      description: `ECR image storage (${storageGB} GB)`,
      quantity: toMoney(storageGB),
      priceId: 'ecr:gb-month',
    },
  ];
}
