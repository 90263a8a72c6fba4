#!/usr/bin/env bash
# One-shot setup for compose.sharded.yaml: replica sets, shards, and Gannet's shard keys.
set -euo pipefail
until mongosh --quiet --host cfg --eval 'db.adminCommand({ping: 1})' >/dev/null 2>&1; do sleep 1; done
mongosh --quiet --host cfg --eval 'try { rs.status() } catch (e) { rs.initiate({_id: "cfg", configsvr: true, members: [{_id: 0, host: "cfg:27017"}]}) }'
for s in shard1 shard2; do
  until mongosh --quiet --host "$s" --eval 'db.adminCommand({ping: 1})' >/dev/null 2>&1; do sleep 1; done
  mongosh --quiet --host "$s" --eval "try { rs.status() } catch (e) { rs.initiate({_id: '$s', members: [{_id: 0, host: '$s:27017'}]}) }"
done
# mongos is started after this script; run the cluster-level steps through a temporary mongos.
mongos --configdb cfg/cfg:27017 --port 27018 --bind_ip 127.0.0.1 --fork --logpath /tmp/mongos.log
until mongosh --quiet --port 27018 --eval 'db.adminCommand({ping: 1})' >/dev/null 2>&1; do sleep 1; done
mongosh --quiet --port 27018 --eval '
  sh.addShard("shard1/shard1:27017");
  sh.addShard("shard2/shard2:27017");
  sh.enableSharding("gannet");
  db.getSiblingDB("gannet").messages.createIndex({mailbox: 1, uid: 1}, {unique: true, name: "mailbox_uid_unique"});
  sh.shardCollection("gannet.messages", {mailbox: 1, uid: 1}, true);
  sh.shardCollection("gannet.attachments.chunks", {files_id: "hashed"});
'
mongosh --quiet --port 27018 --eval 'db.adminCommand({shutdown: 1})' >/dev/null 2>&1 || true
