/* A shared library that is not a Tessera plugin (no tessera_plugin_v1): `tessera validate` and
 * the registry must refuse it by path and reason. */
int not_a_plugin(int x);
int not_a_plugin(int x) { return x + 1; }
