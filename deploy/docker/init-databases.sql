-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d): one database per service.
CREATE DATABASE identity;
CREATE DATABASE inventory;
CREATE DATABASE purchasing;
CREATE DATABASE chat;
CREATE DATABASE reporting;
