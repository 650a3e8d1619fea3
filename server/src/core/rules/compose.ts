import { entries, get, isMap, isSeq, items, str, type DataNode, type MapEntry } from '../documents/tree';
export { datastoreKind, datastoreCategory, type DatastoreKind, type DatastoreCategory } from '../compose/images';

export interface ComposeService {
  name: string;
  key: MapEntry['key'];
  node: DataNode;
  image?: string;
}

export function composeServices(root: DataNode): ComposeService[] {
  return entries(get(root, 'services')).filter((e) => isMap(e.value)).map((e) => ({ name: e.key.text, key: e.key, node: e.value, image: str(get(e.value, 'image')) }));
}

/** Names a service depends on, in either the list or the map form of `depends_on`. */
export function dependsOn(service: DataNode): string[] {
  const d = get(service, 'depends_on');
  if (isSeq(d)) return items(d).map(str).filter((x): x is string => !!x);
  return entries(d).map((e) => e.key.text);
}
