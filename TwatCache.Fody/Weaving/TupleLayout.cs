using System;
using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// A <c>System.ValueTuple</c> over some element types, laid out as C# does it: <c>ValueTuple</c> for
/// none, <c>ValueTuple`1..7</c> directly, and beyond seven a <c>ValueTuple`8</c> whose <c>Rest</c> is a
/// tuple of the remainder. Emits construction and element loads.
/// </summary>
sealed class TupleLayout
{
    const int DirectItems = 7;

    readonly WovenReferences references;
    readonly TupleLayout? rest;

    public TupleLayout(WovenReferences references, IReadOnlyList<TypeReference> items)
    {
        this.references = references;
        Items = items;
        if (items.Count == 0)
        {
            Type = references.ValueTuple;
            return;
        }

        var direct = items.Take(DirectItems).ToList();
        if (items.Count > DirectItems)
        {
            rest = new TupleLayout(references, items.Skip(DirectItems).ToList());
            direct.Add(rest.Type);
        }

        Definition = references.ValueTupleDefinition(direct.Count);
        Type = references.Import(Definition).MakeGenericInstanceType(direct.ToArray());
    }

    public IReadOnlyList<TypeReference> Items { get; }

    public TypeReference Type { get; }

    TypeDefinition? Definition { get; }

    /// <summary>
    /// <c>new ValueTuple&lt;…&gt;(item0, …)</c>: <paramref name="emitItem"/> pushes element i;
    /// the rest tuple is built after the first seven, as its constructor takes it last.
    /// </summary>
    public void EmitConstruct(ILProcessor il, Action<int> emitItem) => EmitConstruct(il, emitItem, 0);

    void EmitConstruct(ILProcessor il, Action<int> emitItem, int offset)
    {
        if (Definition is null)
        {
            il.Emit(OpCodes.Call, references.ValueTupleCreate);
            return;
        }

        for (var i = 0; i < Math.Min(Items.Count, DirectItems); i++)
        {
            emitItem(offset + i);
        }

        rest?.EmitConstruct(il, emitItem, offset + DirectItems);
        var constructor = references.Import(Definition.GetConstructors().Single(c => c.Parameters.Count == Definition.GenericParameters.Count));
        il.Emit(OpCodes.Newobj, constructor.On(Type));
    }

    /// <summary>
    /// Loads element <paramref name="index"/> of the tuple whose address is on the stack
    /// (<c>ldflda Rest</c> per level of nesting, then <c>ldfld ItemN</c>).
    /// </summary>
    public void EmitLoadItemFromAddress(ILProcessor il, int index)
    {
        if (index >= DirectItems)
        {
            il.Emit(OpCodes.Ldflda, Field("Rest"));
            rest!.EmitLoadItemFromAddress(il, index - DirectItems);
            return;
        }

        il.Emit(OpCodes.Ldfld, Field("Item" + (index + 1)));
    }

    FieldReference Field(string name) => references.Import(Definition!.Fields.Single(f => f.Name == name)).On(Type);
}
