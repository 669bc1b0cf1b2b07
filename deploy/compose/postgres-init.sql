-- One database per service (SPEC §1); created once, when the volume is new.
create database orders;
create database inventory;
create database payments;
create database shipping;
create database notifications;
