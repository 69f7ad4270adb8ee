// Namespaces most files of this project use.
global using System.Text.Json.Serialization;
global using Framecast.LocalWorker.Jobs;
