-- A sqlline script: bin/raftkv sql jdbc:raftkv://127.0.0.1:7001 then !run samples/src/main/sql/quickstart.sql
-- (or: java -cp raftkv-driver-*-all.jar:sqlline.jar:... sqlline.SqlLine -u URL -f quickstart.sql)
UPSERT INTO kv VALUES ('fruit/apple', 'red'), ('fruit/banana', 'yellow'), ('fruit/cherry', 'dark red');
SELECT key, value FROM kv WHERE key LIKE 'fruit/%' ORDER BY key;
UPDATE kv SET value = 'green' WHERE key = 'fruit/apple';
DELETE FROM kv WHERE key = 'fruit/cherry';
SELECT key, value FROM kv WHERE key >= 'fruit/' AND key < 'fruit0' ORDER BY key DESC;
