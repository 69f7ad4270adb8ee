// Orleans' implicit usings bring an ErrorCode of its own; the tests mean the domain's.
global using ErrorCode = Framecast.Grains.Abstractions.Errors.ErrorCode;
