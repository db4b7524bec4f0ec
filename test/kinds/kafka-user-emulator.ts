/**
 * How the emulator plays the fake `kafka_user` kind (test/kinds/kafka-user.ts): its own routes,
 * registered through createEmulator({ kinds }), records in store.collection('kafka_user'). Like the
 * emulator itself, it shares nothing with the client side of the kind.
 */
import { detail, isRecord, ok, type Reply } from '../../src/emulator/http.js';
import type { EmulatorKind } from '../../src/emulator/kinds.js';
import type { Call } from '../../src/emulator/router.js';
import {
  byIdEnvelope,
  envelope,
  filterByName,
  paging,
  tagsFromBody,
} from '../../src/emulator/routes/common.js';
import type { AddedRecord } from '../../src/emulator/types.js';

const KIND = 'kafka_user';

function records(call: Call) {
  return call.env.store.collection(KIND);
}

function fields(call: Call): { name: string; topics: string[]; read_only: boolean } | Reply {
  const b = call.body;
  const topics = isRecord(b) ? b['topics'] : undefined;
  if (!isRecord(b) || typeof b['name'] !== 'string' || !Array.isArray(topics)) {
    return detail(422, 'name (string) and topics (list) are required');
  }
  return { name: b['name'], topics: topics.map(String), read_only: b['read_only'] !== false };
}

function create(call: Call): Reply {
  const f = fields(call);
  if ('kind' in f) return f;
  if (records(call).hasName(f.name)) return detail(409, `Kafka user '${f.name}' already exists.`);
  const tags = tagsFromBody(call, isRecord(call.body) ? call.body['tags'] : undefined, null);
  if ('kind' in tags) return tags;
  const user: AddedRecord = { id: call.env.newId(), ...f, tags: tags.tags };
  records(call).add(user);
  return ok(user);
}

function update(call: Call): Reply {
  const user = records(call).get(call.params['id'] as string);
  if (!user) return detail(404, 'Kafka user not found');
  const f = fields(call);
  if ('kind' in f) return f;
  const tags = tagsFromBody(call, isRecord(call.body) ? call.body['tags'] : undefined, user.tags);
  if ('kind' in tags) return tags;
  const previous = user.name;
  Object.assign(user, f, { tags: tags.tags });
  records(call).rename(user, previous);
  return ok(user);
}

function remove(call: Call): Reply {
  const user = records(call).delete(call.params['id'] as string);
  return user ? ok({ id: user.id, deleted: true }) : detail(404, 'Kafka user not found');
}

function list(call: Call): Reply {
  const p = paging(call);
  if ('kind' in p) return p;
  return envelope(filterByName(call, records(call).all()), p, (u) => JSON.stringify(u));
}

export const kafkaUserRoutes: EmulatorKind = {
  name: KIND,
  register(router) {
    router
      .add('GET', '/kafka_users', list)
      .add('POST', '/kafka_users', create)
      .add('GET', '/kafka_users/{id}', (c) =>
        byIdEnvelope(c, records(c).get(c.params['id'] as string), 'Kafka user', (u) => JSON.stringify(u)),
      )
      .add('PUT', '/kafka_users/{id}', update)
      .add('DELETE', '/kafka_users/{id}', remove);
  },
};
