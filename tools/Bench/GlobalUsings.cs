// Namespaces most files of this project use.
global using Framecast.Bench.Http;
global using Framecast.Bench.Measurement;
