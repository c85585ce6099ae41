/** @module candidate-cost: the monthly cost of one candidate, line by line. */
import type { LineItem } from '../pricing/line-item.js';

export interface FargateSizing {
  service: string;
  requested: { vcpu: number; memoryMiB: number };
  billed: { vcpu: number; memoryMiB: number };
  architecture: 'x86_64' | 'arm64';
  spot: boolean;
}

export interface FleetSummary {
  /** The fleet at the busiest hour and at the median hour of the week. */
  peak: { instanceType: string; count: number }[];
  typical: { instanceType: string; count: number }[];
  /** Hourly cost of the peak fleet and the proven lower bound for it, exact USD. */
  peakHourlyUsd: string;
  peakLowerBoundHourlyUsd: string;
  /** (cost − lower bound) / lower bound of the peak fleet. */
  peakGap: number;
  method: 'milp' | 'heuristic';
}

export interface CandidateCost {
  /** Sum of every priced line (missing ones excluded), exact USD per month. */
  monthlyUsd: string;
  lineItems: LineItem[];
  /** False when a price is missing: the total then leaves those lines out, and says so. */
  complete: boolean;
  missingPriceIds: string[];
  fargate: FargateSizing[];
  fleet: FleetSummary | null;
  /** True when the EC2 fleet is bought as Spot (every EC2 service tolerates interruption). */
  ec2Spot: boolean;
  /** Purchase options applied (Fargate Spot, EC2 Spot, Savings Plans), with their assumptions. */
  purchaseOptions: string[];
  notes: string[];
}
