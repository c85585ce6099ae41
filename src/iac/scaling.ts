/** @module scaling: how generated services scale, the same in every target. */

/**
 * Target tracking on average CPU, relative to the task's (or pod's requested) CPU: 60 % leaves room for a
 * burst while new tasks start. https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html
 */
export const CPU_TARGET_PERCENT = 60;

/** Scale out fast, scale in slowly, so a spike does not flap the service. */
export const SCALE_OUT_COOLDOWN_SECONDS = 60;
export const SCALE_IN_COOLDOWN_SECONDS = 300;
