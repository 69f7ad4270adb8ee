// Namespaces most files of this project use.
global using System.Text.Json;
global using System.Text.Json.Nodes;
