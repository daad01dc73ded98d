export { CIRCUITS, PTAU_POWER, type ZkManifest } from '../shared/zk/artifacts';
