// Orleans' implicit usings bring an ErrorCode of its own; the API's is the domain's.
global using ErrorCode = Framecast.Grains.Abstractions.Errors.ErrorCode;
