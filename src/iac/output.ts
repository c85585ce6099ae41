/** @module output: what a generator returns: the files of one target for one candidate. */
import type { CandidateId } from '../advisor/candidate.js';
import type { IacTarget } from './targets.js';

export interface IacFile {
  /** Relative path inside the output folder, with forward slashes. */
  path: string;
  contents: string;
}

export interface IacOutput {
  target: IacTarget;
  candidate: CandidateId;
  files: IacFile[];
}
