import { singleReplicas } from './kubernetes/replicas';
import type { Rule } from './types';

export const singleReplica: Rule = {
  id: 'single-replica',
  kinds: ['kubernetes'],
  defaultSeverity: 'warning',
  title: 'A workload that receives traffic runs a single replica',
  description:
    'One pod behind a Service is down during every rollout, crash and node drain. Run at least two replicas (or an autoscaler with minReplicas of 2 or more) and protect them with a PodDisruptionBudget. Datastores and Jobs are not flagged.',
  check: singleReplicas,
};
